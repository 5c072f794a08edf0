"""Seed 004's tables, as printed (cells kept as text). Generated from a line-by-line reading of the seed;
each table cites the seed lines it comes from."""

# School, Host/Partner, New/Returning, Grades, Borough, % Black, % Hisp, % Pov, % ELL, % SWD, Network LFA, network #
# (network # groups rows into the table's networks: one host and the partners listed after it)
TABLE_4 = [  # Table 4, Year 2 (2015-2016) case study schools, lines 1618-1891
    ('P.S. 10', 'Host', 'Returning', '6-11', 'Queens', '19', '39', '63', '2', '20', 'Instructional consistency', 1),
    ('P.S. 19', 'Partner', 'Returning', '6-12', 'Brooklyn', '43', '34', '70', '12', '22', 'Instructional consistency', 1),
    ('P.S. 12', 'Partner', 'Returning', '6-8', 'Brooklyn', '65', '28', '73', '7', '25', 'Instructional consistency', 1),
    ('P.S. 20', 'Host', 'New', '9-12', 'Queens', '2', '38', '92', '83', '2', 'Restorative Justice circles', 2),
    ('P.S. 21', 'Partner', 'Returning', '9-12', 'Brooklyn', '19', '36', '100', '80', '3', 'Restorative Justice circles', 2),
    ('P.S. 22', 'Partner', 'Returning', '9-12', 'Brooklyn', '6', '29', '92', '86', '3', 'Restorative Justice circles', 2),
    ('P.S. 23', 'Host', 'New', 'K-12', 'Bronx', '32', '59', '73', '18', '100', 'Assessment use in instruction', 3),
    ('P.S. 24', 'Partner', 'Returning', 'PK-12', 'Bronx', '34', '60', '80', '22', '100', 'Assessment use in instruction', 3),
    ('P.S. 25', 'Partner', 'Returning', 'K-12', 'Manhattan', '28', '46', '65', '17', '100', 'Assessment use in instruction', 3),
    ('P.S. 26', 'Host', 'Returning', 'K-5', 'Brooklyn', '5', '9', '8', '2', '14', 'Math and reading differentiation strategies', 4),
    ('P.S. 27', 'Partner', 'Returning', 'P-5', 'Brooklyn', '45', '14', '47', '4', '19', 'Math and reading differentiation strategies', 4),
    ('P.S. 28', 'Partner', 'New', 'P-8', 'Brooklyn', '59', '25', '63', '4', '15', 'Math and reading differentiation strategies', 4),
    ('P.S. 29', 'Partner', 'New', 'K-8', 'Brooklyn', '39', '17', '30', '1', '20', 'Math and reading differentiation strategies', 4),
    ('P.S. 30', 'Partner', 'New', 'P-1', 'Brooklyn', '10', '10', '10', '0', '14', 'Math and reading differentiation strategies', 4),
    ('P.S. 31', 'Partner', 'New', 'P-1', 'Brooklyn', '0', '69', '91', '52', '15', 'Math and reading differentiation strategies', 4),
    ('P.S. 32', 'Partner', 'New', 'P-4', 'Brooklyn', '81', '14', '96', '2', '25', 'Math and reading differentiation strategies', 4),
    ('P.S. 33', 'Partner', 'New', '6-7', 'Brooklyn', '87', '11', '75', '6', '25', 'Math and reading differentiation strategies', 4),
    ('P.S. 34', 'Host', 'Returning', '9-12', 'Bronx', '26', '64', '90', '4', '20', 'Various, including teacher leadership, interdisciplinary instruction', 5),
    ('P.S. 35', 'Partner', 'New', '9-12', 'Bronx', '31', '66', '88', '12', '27', 'Various, including teacher leadership, interdisciplinary instruction', 5),
    ('P.S. 36', 'Partner', 'New', '9-12', 'Bronx', '24', '71', '88', '11', '27', 'Various, including teacher leadership, interdisciplinary instruction', 5),
    ('P.S. 37', 'Partner', 'Returning', '9-12', 'Bronx', '30', '65', '88', '7', '19', 'Various, including teacher leadership, interdisciplinary instruction', 5),
    ('P.S. 38', 'Partner', 'New', '9-12', 'Bronx', '35', '51', '72', '2', '21', 'Various, including teacher leadership, interdisciplinary instruction', 5),
    ('P.S. 39', 'Partner', 'New', '6-12', 'Bronx', '27', '6', '100', '6', '25', 'Various, including teacher leadership, interdisciplinary instruction', 5),
    ('P.S. 40', 'Partner', 'New', '9-12', 'Bronx', '31', '56', '82', '5', '19', 'Various, including teacher leadership, interdisciplinary instruction', 5),
]
TABLE_5 = [  # Table 5, Year 3 (2016-2017) case study schools, lines 1912-2110
    ('P.S. 41', 'Host', 'Returning', '9-12', 'Brooklyn', '17', '70', '83', '3', '18', 'Student empowerment', 1),
    ('P.S. 8', 'Partner', 'Returning', '9-12', 'Brooklyn', '78', '19', '87', '5', '50', 'Student empowerment', 1),
    ('P.S. 19', 'Partner', 'Returning', '9-12', 'Brooklyn', '40', '28', '64', '13', '22', 'Student empowerment', 1),
    ('P.S. 42', 'Partner', 'Returning', '9-12', 'Brooklyn', '66', '27', '80', '3', '23', 'Student empowerment', 1),
    ('P.S. 16', 'Host', 'Returning', 'K-8', 'Brooklyn', '4', '94', '95', '42', '22', 'Dual language instruction', 2),
    ('P.S. 43', 'Partner', 'New', 'PK-5', 'Brooklyn', '12', '34', '100', '14', '13', 'Dual language instruction', 2),
    ('P.S. 44', 'Partner', 'New', '6-8', 'Brooklyn', '34', '39', '82', '26', '25', 'Dual language instruction', 2),
    ('P.S. 23', 'Host', 'Returning', 'PK-12', 'Bronx', '32', '59', '72', '23', '100', 'Assessment use; supporting students with Autism', 3),
    ('P.S. 24', 'Partner', 'Returning', 'PK-12', 'Bronx', '34', '61', '74', '23', '100', 'Assessment use; supporting students with Autism', 3),
    ('P.S. 45', 'Partner', 'New', 'K-12', 'Brooklyn', '43', '23', '51', '31', '100', 'Assessment use; supporting students with Autism', 3),
    ('P.S. 34', 'Host', 'Returning', '9-12', 'Bronx', '21', '69', '86', '6', '22', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
    ('P.S. 35', 'Partner', 'Returning', '9-12', 'Bronx', '30', '67', '88', '17', '29', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
    ('P.S. 36', 'Partner', 'Returning', '9-12', 'Bronx', '25', '69', '87', '14', '26', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
    ('P.S. 37', 'Partner', 'Returning', '9-12', 'Bronx', '26', '69', '88', '9', '21', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
    ('P.S. 38', 'Partner', 'Returning', '9-12', 'Bronx', '30', '52', '72', '4', '21', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
    ('P.S. 39', 'Partner', 'Returning', '9-12', 'Bronx', '29', '66', '100', '6', '25', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
    ('P.S. 40', 'Partner', 'Returning', '9-12', 'Bronx', '30', '58', '78', '7', '22', 'Various, including interdisciplinary instruction, SEL, lesson planning', 4),
]
TABLE_2 = [  # Table 2. Demographic Information for LPP and DOE Schools (2016-2017), lines 1277-1333
    ["", "% Asian", "% Black", "% Hispanic", "% Other", "% White", "% Students with Disabilities", "% English Language Learners", "% Poverty"],
    ['LPP', '9', '32', '46', '2', '11', '24', '14', '82'],
    ['DOE', '16', '27', '41', '2', '15', '19', '13', '77'],
]
TABLE_12 = [  # Table 12. Ratings on Quality Review Indicator 4.2, lines 3655-3680
    ["", "% Well Developed", "% Proficient", "% Developing", "% Underdeveloped"],
    ['Research Sample', '36', '45', '18', '0'],
    ['LPP (2016-2017)', '31', '55', '14', '0'],
    ['District (2016-2017)', '41', '49', '10', '<1'],
]
TABLE_12_NOTE = 'a: Includes all schools (host and partner) in sample between 2014-2017 for which QR data is available (n=44) and presents most recent QR rating prior to entering LPP. b: Includes all schools (host and partner) in LPP for which QR data is available (n=187) in 2016-2017 and presents most recent QR rating prior to entering LPP.'
