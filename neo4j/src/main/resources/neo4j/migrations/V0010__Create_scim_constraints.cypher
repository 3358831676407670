// SCIM 2.0 (package ownership): the identity provider addresses a person by the id appgraph
// gave them when it first saw them, so it must never point at two people.
CREATE CONSTRAINT person_scim_id IF NOT EXISTS FOR (p:Person) REQUIRE p.scimId IS UNIQUE;
