#!/bin/sh
echo "crashy: started on $(hostname), crashing in 3 seconds"
sleep 3
echo "crashy: exiting with status 1" >&2
exit 1
