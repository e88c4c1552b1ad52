@echo off
rem Builds BatchOrders quietly (incrementally), then runs it with every argument.
rem   run.cmd bench [--quick] [suite ...]   the benchmark harness (bench\README.md), in Release
rem   run.cmd chaos [--quick] [--seed N]    the chaos harness (needs a POSIX kill: Linux or macOS in practice)
rem Anything else goes to the CLI unchanged.
setlocal
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set "ROOT=%~dp0"
set "CLI_PROJECT=%ROOT%src\BatchOrders.Cli\BatchOrders.Cli.csproj"
set "CLI_DLL=%ROOT%src\BatchOrders.Cli\bin\Release\net10.0\BatchOrders.Cli.dll"
set "BENCH_PROJECT=%ROOT%bench\BatchOrders.Benchmarks\BatchOrders.Benchmarks.csproj"
set "BENCH_DLL=%ROOT%bench\BatchOrders.Benchmarks\bin\Release\net10.0\BatchOrders.Benchmarks.dll"

if /i "%~1"=="bench" (
  call :build "%BENCH_PROJECT%" || exit /b 2
  goto :bench
)
if /i "%~1"=="chaos" (
  call :build "%CLI_PROJECT%" || exit /b 2
  call :build "%BENCH_PROJECT%" || exit /b 2
  goto :chaos
)

call :build "%CLI_PROJECT%" || exit /b 2
dotnet "%CLI_DLL%" %*
exit /b %ERRORLEVEL%

:bench
shift
set "ARGS="
:bench_args
if "%~1"=="" goto :bench_run
set ARGS=%ARGS% %1
shift
goto :bench_args
:bench_run
dotnet "%BENCH_DLL%" %ARGS%
exit /b %ERRORLEVEL%

:chaos
shift
set "ARGS="
:chaos_args
if "%~1"=="" goto :chaos_run
set ARGS=%ARGS% %1
shift
goto :chaos_args
:chaos_run
dotnet "%BENCH_DLL%" chaos --cli "%CLI_DLL%" %ARGS%
exit /b %ERRORLEVEL%

:build
set "LOG=%TEMP%\batchorders-build-%RANDOM%.log"
dotnet build "%~1" -c Release -nologo -v q > "%LOG%" 2>&1
if errorlevel 1 (
  type "%LOG%" 1>&2
  del "%LOG%" >nul 2>&1
  echo run.cmd: the build failed ^(see above^). 1>&2
  exit /b 2
)
del "%LOG%" >nul 2>&1
exit /b 0
