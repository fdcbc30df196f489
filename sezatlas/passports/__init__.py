"""Investment project passports (issue 17): opportunities zones and development institutions offer, in
one format (`sezatlas/standard/passport.py`), published after the secretariat's review.

`authoring.py` is the owner's side (write a draft, submit it, withdraw a passport), `review.py` the
secretariat's, `catalogue.py` what everyone reads, `incentives.py` what the incentive engine computes for
a passport's reference case.
"""
