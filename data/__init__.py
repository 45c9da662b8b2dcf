"""The data files (word lists, gazetteer, region profiles, plans), installed as package data
of plankg.data and read through importlib.resources (plankg.loaders.resources)."""
