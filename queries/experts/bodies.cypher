// The non-governmental, industry and other non-intergovernmental bodies (organizations whose
// subkind is in $subkinds), each with the ids of the non-State entities it is linked to.
// Parameters: subkinds
MATCH (o:Organization)
WHERE o.subkind IN $subkinds
RETURN o {.id, .kind, .subkind, .name, .short_name, sources: coalesce(o.sources, [])} AS organization,
       [(o)-[r]-(n:Entity) WHERE NOT n:State | {type: type(r), id: n.id}] AS links
ORDER BY o.id
