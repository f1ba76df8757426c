"""Contract test: sandbox traffic against the reconstructed gigstack OpenAPI file."""
