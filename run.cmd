@echo off
rem Builds BatchOrders quietly (incrementally), then runs it with every argument.
rem   run.cmd bench [--quick] [suite ...]   the benchmark harness (bench\README.md), in Release
rem   run.cmd chaos [--quick] [--seed N]    the chaos harness (needs a POSIX kill: Linux or macOS in practice)
rem   run.cmd fuzz [--quick] [--seed N] [--minutes M]
rem                                         the fuzzer: mutated files read within time and memory budgets (docs\fuzzing.md)
rem   run.cmd publish [--no-ready-to-run] [--no-tool] [RID ...]
rem                                         self-contained single-file executables into dist\RID\ (default: every
rem                                         system users run: win-x64 linux-x64 osx-arm64 linux-arm64) and the dotnet
rem                                         tool package into dist\ (docs\install.md)
rem Anything else goes to the CLI unchanged.
setlocal
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
set "ROOT=%~dp0"
set "CLI_PROJECT=%ROOT%src\BatchOrders.Cli\BatchOrders.Cli.csproj"
set "CLI_DLL=%ROOT%src\BatchOrders.Cli\bin\Release\net10.0\BatchOrders.Cli.dll"
set "BENCH_PROJECT=%ROOT%bench\BatchOrders.Benchmarks\BatchOrders.Benchmarks.csproj"
set "BENCH_DLL=%ROOT%bench\BatchOrders.Benchmarks\bin\Release\net10.0\BatchOrders.Benchmarks.dll"
set "FUZZ_PROJECT=%ROOT%fuzz\BatchOrders.Fuzzing\BatchOrders.Fuzzing.csproj"
set "FUZZ_DLL=%ROOT%fuzz\BatchOrders.Fuzzing\bin\Release\net10.0\BatchOrders.Fuzzing.dll"

if /i "%~1"=="bench" (
  rem The preflight suite drives the CLI as a child process: both are built.
  call :build "%CLI_PROJECT%"
  if errorlevel 1 exit /b 2
  call :build "%BENCH_PROJECT%"
  if errorlevel 1 exit /b 2
  goto :bench
)
if /i "%~1"=="publish" goto :publish
if /i "%~1"=="fuzz" (
  call :build "%FUZZ_PROJECT%"
  if errorlevel 1 exit /b 2
  goto :fuzz
)
if /i "%~1"=="chaos" (
  call :build "%CLI_PROJECT%"
  if errorlevel 1 exit /b 2
  call :build "%BENCH_PROJECT%"
  if errorlevel 1 exit /b 2
  goto :chaos
)

call :build "%CLI_PROJECT%"
if errorlevel 1 exit /b 2
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

:fuzz
shift
set "ARGS="
:fuzz_args
if "%~1"=="" goto :fuzz_run
set ARGS=%ARGS% %1
shift
goto :fuzz_args
:fuzz_run
dotnet "%FUZZ_DLL%" %ARGS%
exit /b %ERRORLEVEL%

:publish
shift
set "R2R=true"
set "TOOL=true"
set "RIDS="
:publish_args
if "%~1"=="" goto :publish_run
if /i "%~1"=="--no-ready-to-run" (
  set "R2R=false"
  shift
  goto :publish_args
)
if /i "%~1"=="--no-tool" (
  set "TOOL=false"
  shift
  goto :publish_args
)
set "KNOWN="
for %%r in (win-x64 linux-x64 osx-arm64 linux-arm64) do if /i "%~1"=="%%r" set "KNOWN=%%r"
if not defined KNOWN (
  echo run.cmd publish: '%~1' is not one of --no-ready-to-run --no-tool win-x64 linux-x64 osx-arm64 linux-arm64. 1>&2
  exit /b 2
)
call :add_rid %KNOWN%
shift
goto :publish_args
:publish_run
if not defined RIDS set "RIDS=win-x64 linux-x64 osx-arm64 linux-arm64"
if not exist "%ROOT%dist" mkdir "%ROOT%dist"
for %%r in (%RIDS%) do (
  call :publish_one %%r
  if errorlevel 1 exit /b 2
)
if /i "%TOOL%"=="false" exit /b 0
echo packing the dotnet tool ...
del /q "%ROOT%dist\BatchOrders.Cli.*.nupkg" >nul 2>&1
call :quietly dotnet pack "%CLI_PROJECT%" -c Release -o "%ROOT%dist" -nologo -v q
if errorlevel 1 exit /b 2
for /f "delims=" %%f in ('dir /b "%ROOT%dist\BatchOrders.Cli.*.nupkg"') do echo   dist\%%f
exit /b 0

:note_extra
if /i not "%~1"=="%BUILT%" set "EXTRA=%EXTRA% %~1"
exit /b 0

:add_rid
set "RIDS=%RIDS% %~1"
exit /b 0

:publish_one
set "OUT=%ROOT%dist\%~1"
set "BUILT=BatchOrders.Cli"
set "NAME=batchorders"
if /i "%~1"=="win-x64" (
  set "BUILT=BatchOrders.Cli.exe"
  set "NAME=batchorders.exe"
)
if exist "%OUT%" rmdir /s /q "%OUT%"
echo publishing %~1 ...
call :quietly dotnet publish "%CLI_PROJECT%" -c Release -r %~1 -o "%OUT%" -nologo -v q -p:PublishReadyToRun=%R2R%
if errorlevel 1 exit /b 2
rem Users get one file: anything published beside it would be missing wherever the file is copied alone.
set "EXTRA="
for /f "delims=" %%f in ('dir /b /a "%OUT%"') do call :note_extra "%%f"
if defined EXTRA (
  echo run.cmd publish: %~1 published more than the executable:%EXTRA%. Embed what it needs instead. 1>&2
  exit /b 2
)
move /y "%OUT%\%BUILT%" "%OUT%\%NAME%" >nul
for %%f in ("%OUT%\%NAME%") do set /a "MIB=%%~zf / 1048576"
echo   dist\%~1\%NAME% (%MIB% MiB)
exit /b 0

:build
call :quietly dotnet build "%~1" -c Release -nologo -v q
exit /b %ERRORLEVEL%

rem Runs a command with its output kept aside, shown only if it fails.
:quietly
set "LOG=%TEMP%\batchorders-build-%RANDOM%.log"
%* > "%LOG%" 2>&1
if errorlevel 1 (
  type "%LOG%" 1>&2
  del "%LOG%" >nul 2>&1
  echo run.cmd: the build failed ^(see above^). 1>&2
  exit /b 2
)
del "%LOG%" >nul 2>&1
exit /b 0
