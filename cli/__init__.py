"""The composition root: the `nsgraph` commands, the one place that wires every layer together."""
