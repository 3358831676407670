// What a Backstage catalog adds beside apps, squads, groups and people (package backstage):
// domains and systems group apps, and APIs are provided and consumed by apps. Each is
// known by its name, as Backstage's entity references name them.
CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (d:Domain) REQUIRE d.name IS UNIQUE;
CREATE CONSTRAINT system_name IF NOT EXISTS FOR (s:System) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT api_name IF NOT EXISTS FOR (a:Api) REQUIRE a.name IS UNIQUE;
