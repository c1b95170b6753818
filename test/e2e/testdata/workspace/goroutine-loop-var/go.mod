module example.com/e2e/notify

go 1.21
