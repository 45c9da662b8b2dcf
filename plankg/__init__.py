"""plankg: a knowledge graph of a government plan (CLI entry point in plankg.cli)."""
