"""Web views by domain: each parses the request, calls one service or read model, and renders."""
