"""The program cycle's pages, one module per part of the cycle; each module lists its own ``urlpatterns``."""
