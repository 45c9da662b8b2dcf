// (Document)-[:SAME_AS]->(Plan): a cited document that is a loaded plan (its key is the plan's
// title_key). Run after every group's nodes are written, for the keys of the group's cited
// documents and of its plans' titles: a plan loaded before its citer is found from the
// citer's documents, one loaded after from its own title, so the order of loads does not
// matter. Each side is an index lookup (document_key, plan_title_key); MERGE: once.
UNWIND $keys AS key
MATCH (d:Document {key: key})
MATCH (p:Plan {title_key: key})
MERGE (d)-[:SAME_AS]->(p)
RETURN count(*) AS linked
