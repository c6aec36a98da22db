"""Each widget of ``mo.ui``, built on the mechanism in ``mo/ui/element.py``."""
