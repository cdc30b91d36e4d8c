from rathausnetz.cli import main

main()
