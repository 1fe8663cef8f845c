"""Date formats where Django's defaults read wrongly in a sentence; everything not set here
falls back to Django's own locale formats."""
