// plankg schema: constraints and indexes for the graph of graph/schema.py (README: The graph schema).
// Every statement is IF NOT EXISTS, so applying the file again is a no-op.
// Statements end with ';' (graph/neo4j_load.py splits on it: no ';' inside a statement).

// Every node has a stable string id, unique per label. The constraint is also the index
// every MERGE and every lookup by id uses.
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT chapter_id IF NOT EXISTS FOR (n:Chapter) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_family_id IF NOT EXISTS FOR (n:IndicatorFamily) REQUIRE n.id IS UNIQUE;

// The read queries look nodes up by plan and number: /tasks/27, /chapters/5, /goals/1.
CREATE INDEX task_plan_number IF NOT EXISTS FOR (n:Task) ON (n.plan, n.number);
CREATE INDEX goal_plan_number IF NOT EXISTS FOR (n:Goal) ON (n.plan, n.number);
CREATE INDEX chapter_plan_number IF NOT EXISTS FOR (n:Chapter) ON (n.plan, n.number);
// A plan's targets (/indicators), and the plan's own nodes a `plankg load --replace` deletes.
CREATE INDEX indicator_plan IF NOT EXISTS FOR (n:Indicator) ON (n.plan);
CREATE INDEX task_plan IF NOT EXISTS FOR (n:Task) ON (n.plan);
CREATE INDEX goal_plan IF NOT EXISTS FOR (n:Goal) ON (n.plan);
CREATE INDEX chapter_plan IF NOT EXISTS FOR (n:Chapter) ON (n.plan);
// A cited document and the loaded plan it is (SAME_AS, load/link_same_as.cypher), and
// /documents/{key}.
CREATE INDEX document_key IF NOT EXISTS FOR (n:Document) ON (n.key);
CREATE INDEX plan_title_key IF NOT EXISTS FOR (n:Plan) ON (n.title_key);

// Full-text search over task titles and texts. The cjk analyzer indexes Chinese as
// overlapping character pairs (偏远海岛 -> 偏远 远海 海岛), so a query finds words that no
// whitespace separates. Bare words match any of their pairs (海岛 alone is a hit); a quoted
// phrase matches only the pairs in a row:
//   CALL db.index.fulltext.queryNodes('task_text', '"偏远海岛"') YIELD node, score
CREATE FULLTEXT INDEX task_text IF NOT EXISTS
FOR (n:Task) ON EACH [n.title, n.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// Places and agencies by any of their names (Chinese full name, short name, aliases, English):
// `names` lists every form. Exact: MATCH (a:Agency) WHERE '市教育局' IN a.names; or by words:
//   CALL db.index.fulltext.queryNodes('names', '"市教育局"') YIELD node, score
CREATE FULLTEXT INDEX names IF NOT EXISTS
FOR (n:Place|Agency) ON EACH [n.names]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
