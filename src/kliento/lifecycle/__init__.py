"""The customer as a whole, in numbers and without Django: the rule that places a respondent
in one of four emotional-engagement stages, what a stage is worth (means and a ratio with
intervals), and the layout of a flow (Sankey) chart. :mod:`kliento.journeys` runs the
queries; these functions get their numbers."""
