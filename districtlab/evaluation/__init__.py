"""Program evaluation (issue 15): for now the ``districtlab reliability`` command, which reads a file of survey
answers; surveys, outcomes and reports come later. Cronbach's alpha itself is ``districtlab.analysis.reliability``."""
