"""Plans: the model of the user's saved document and its TOML store."""
