module example.com/e2e/consumer

go 1.22
