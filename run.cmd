@echo off
rem Builds BatchOrders quietly (incrementally), then runs it with every argument.
setlocal
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set "ROOT=%~dp0"
set "LOG=%TEMP%\batchorders-build-%RANDOM%.log"
dotnet build "%ROOT%src\BatchOrders.Cli\BatchOrders.Cli.csproj" -c Release -nologo -v q > "%LOG%" 2>&1
if errorlevel 1 (
  type "%LOG%" 1>&2
  del "%LOG%" >nul 2>&1
  echo run.cmd: the build failed ^(see above^). 1>&2
  exit /b 2
)
del "%LOG%" >nul 2>&1
dotnet "%ROOT%src\BatchOrders.Cli\bin\Release\net10.0\BatchOrders.Cli.dll" %*
exit /b %ERRORLEVEL%
