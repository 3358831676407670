// Search as you type in the app directory: words of app names and descriptions, and of squad
// names (an app matches through its squad). Lucene-backed, ranked by relevance.
CREATE FULLTEXT INDEX app_search IF NOT EXISTS FOR (a:App) ON EACH [a.name, a.description];
CREATE FULLTEXT INDEX squad_search IF NOT EXISTS FOR (s:Squad) ON EACH [s.name];
