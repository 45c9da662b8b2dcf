// Starts ReDoc at /redoc on the API's own contract; a file, not an inline script (the CSP).
/* global Redoc */
Redoc.init("/openapi.json", { hideDownloadButton: false }, document.getElementById("redoc"));
