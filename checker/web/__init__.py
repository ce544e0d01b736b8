"""`fzcheck serve`: the checker as local web pages and an HTTP API. Imported only by `serve`."""
