"""Import batches: one uploaded file, validated whole, applied atomically."""
