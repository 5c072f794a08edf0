from districtlab.cli import main

main()
