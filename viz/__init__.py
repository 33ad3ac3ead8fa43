"""The page layer: graph views (plain data, `views`) drawn with pyvis/vis-network into HTML pages.

`views` is the input contract, `style` the shared visual vocabulary, `layouts` places the nodes on the server,
`networks` turns a view into a pyvis network, `pages` renders whole pages from our templates, and `assets`
serves the static files.
"""
