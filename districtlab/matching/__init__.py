"""Applications and matching (issue 14): for now the ``districtlab match`` command and the reading of its file; the
web app comes later. The optimiser itself is ``districtlab.analysis.matching``."""
