package linkage
