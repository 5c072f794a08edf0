"""DistrictLab: the place where a district's schools learn from each other."""
