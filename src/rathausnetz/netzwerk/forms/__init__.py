"""Forms of the network pages. They only collect input; the services validate and write."""
