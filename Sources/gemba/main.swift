import GembaShell
