// Instruments (PARTY_TO), initiatives (MEMBER_OF) and commitments such as joint statements
// (SUBSCRIBED_TO) that a State has no joining fact for, each with the peers (ids given) that
// have joined it, and whether the State at least signed it.
// Parameters: iso3, peers
MATCH (me:State {id: $iso3})
MATCH (peer:State)-[j:PARTY_TO|MEMBER_OF|SUBSCRIBED_TO]->(item:Entity)
WHERE peer.id IN $peers
  AND ((item:LegalInstrument AND type(j) = 'PARTY_TO')
    OR (item:Initiative AND type(j) = 'MEMBER_OF')
    OR (item:Commitment AND type(j) = 'SUBSCRIBED_TO'))
  AND NOT EXISTS { (me)-[:PARTY_TO|MEMBER_OF|SUBSCRIBED_TO]->(item) }
WITH me, item, collect(DISTINCT peer {.id, .name}) AS joined
RETURN item {.id, .kind, .subkind, .name, .short_name} AS item,
       EXISTS { (me)-[:SIGNED]->(item) } AS signed,
       joined
ORDER BY item.id
