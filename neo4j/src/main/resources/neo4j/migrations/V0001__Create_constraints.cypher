// Names of apps, squads and groups are the keys clients use; handles and emails identify people.
CREATE CONSTRAINT app_name IF NOT EXISTS FOR (a:App) REQUIRE a.name IS UNIQUE;
CREATE CONSTRAINT squad_name IF NOT EXISTS FOR (s:Squad) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT group_name IF NOT EXISTS FOR (g:Group) REQUIRE g.name IS UNIQUE;
CREATE CONSTRAINT person_handle IF NOT EXISTS FOR (p:Person) REQUIRE p.handle IS UNIQUE;
CREATE CONSTRAINT person_email IF NOT EXISTS FOR (p:Person) REQUIRE p.email IS UNIQUE;
CREATE CONSTRAINT release_external_id IF NOT EXISTS FOR (r:Release) REQUIRE r.externalId IS UNIQUE;
CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:__Migration) REQUIRE m.version IS UNIQUE;
