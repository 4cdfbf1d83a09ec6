"""The bundled demo news site and the local server that serves it."""
