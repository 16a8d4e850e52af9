"""Small reusable widgets (fit bars, rating lists)."""
