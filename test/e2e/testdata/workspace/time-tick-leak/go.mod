module example.com/e2e/ready

go 1.22
