"""Plan files and their migrations, safe writes, the local library."""
