@echo off
rem papertape: the command line of the installed Papertape app (Windows), the same commands as
rem `npm run papertape` in a checkout. It sits next to Papertape.exe; add that folder to PATH to use it anywhere.
rem The app binary runs the CLI itself (--papertape-cli); Electron's RunAsNode fuse stays off.
"%~dp0Papertape.exe" --papertape-cli %*
exit /b %ERRORLEVEL%
