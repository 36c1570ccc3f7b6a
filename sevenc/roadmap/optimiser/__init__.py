"""The roadmap optimiser and its inputs and outputs: pure modules, no Django import (a test checks it).

`planning.make_roadmap` is the one entry point the web app and `sevenc plan` share: gap analysis gives
each recommendation (and each project, through the items it raises) its ITCQ gain, `solver.optimise`
chooses quarters, `projection` re-scores them. `planning.make_frontier` does the same once per budget
factor (`frontier.py`: the budget → ITCQ frontier).
"""
