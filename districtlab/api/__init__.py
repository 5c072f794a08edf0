"""The JSON API: DRF views over the same permission layer as the pages."""
