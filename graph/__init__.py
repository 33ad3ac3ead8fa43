"""The Neo4j layer: settings, connection, schema, model and the local database runtime."""
