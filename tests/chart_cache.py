"""For tests of charts kept in the cache by their data: a drawing no request would make, and an empty cache."""
import pytest
from django.core.cache import cache

SENTINEL = '<svg xmlns="http://www.w3.org/2000/svg"><title>taken from the cache</title></svg>'


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache is empty before the test and after it."""
    cache.clear()
    yield
    cache.clear()
