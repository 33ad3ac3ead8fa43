// A State's peers: the States of its UN sub-region and the States that share any of its groups
// (summits attended, commitments subscribed, initiatives or organizations joined) on `as_of` (both
// memberships count on the day by the as_of rule; null: today), each with the shared groups named.
// Parameters: iso3, as_of
MATCH (me:State {id: $iso3})
CALL (me) {
  MATCH (p:State)
  WHERE p <> me AND me.un_subregion IS NOT NULL AND p.un_subregion = me.un_subregion
  RETURN p, null AS g
  UNION
  MATCH (me)-[a:PARTICIPATED_IN|SUBSCRIBED_TO|MEMBER_OF]->(g:Entity)<-[b:PARTICIPATED_IN|SUBSCRIBED_TO|MEMBER_OF]-(p:State)
  WHERE p <> me AND ($as_of IS NULL OR (a.date_latest <= $as_of AND b.date_latest <= $as_of))
  RETURN p, g
}
WITH me, p, [id IN collect(g.id) WHERE id IS NOT NULL] AS shared
RETURN p {.id, .name, .un_subregion} AS peer,
       p.un_subregion IS NOT NULL AND p.un_subregion = me.un_subregion AS same_subregion,
       shared
ORDER BY p.id
