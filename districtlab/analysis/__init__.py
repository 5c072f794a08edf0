"""Pure analysis functions over plain data: no Django, no ORM, no HTTP.

Each public function documents its inputs, output and the rule it implements, with a worked example.
"""
