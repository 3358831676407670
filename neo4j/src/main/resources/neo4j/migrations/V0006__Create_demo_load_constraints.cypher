// The demo loader's bookkeeping (DemoEstateLoader): a lock that loaders starting together take
// turns on, and the marker that says whether the load that wrote the DemoData nodes finished.
CREATE CONSTRAINT demo_load_lock_name IF NOT EXISTS FOR (l:__DemoLoadLock) REQUIRE l.name IS UNIQUE;
CREATE CONSTRAINT demo_load_name IF NOT EXISTS FOR (m:__DemoLoad) REQUIRE m.name IS UNIQUE;
