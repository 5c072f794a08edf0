def test_probe(db, demo):
    from districtlab.visits.models import Meeting
    from districtlab.org.models import District
    print("meetings", Meeting.objects.count(), District.objects.count())
