"""Other representations of the API's resources, for career sites.

Pure functions from the read models (`app.schemas`) to a document: no request, database or
clock. Routes choose one by content negotiation and wrap the result in a response.

- `jsonld`: schema.org JSON-LD for a course and a certification (`application/ld+json`).
- `svg`: a recommendation drawn as a timeline (`image/svg+xml`), for an `<img>` tag.
"""
