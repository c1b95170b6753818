package main

// A constant of another file of the package.
const gender = "'M'"
