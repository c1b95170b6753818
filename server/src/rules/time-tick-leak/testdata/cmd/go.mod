module example.com/poller/cmd

go 1.21
