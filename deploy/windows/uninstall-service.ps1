<#
.SYNOPSIS
  Stops and removes the qb-bitrix24-connector Windows service. The data folder is kept unless -RemoveData.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [string] $ServiceName = 'QbBitrix24Connector',
  [string] $DataDir = (Join-Path $env:ProgramData 'qb-bitrix24-connector'),
  [string] $NssmPath = 'nssm.exe',
  # Deletes the database and the secrets too: the next install starts from scratch (full import, new password).
  [switch] $RemoveData
)
$ErrorActionPreference = 'Stop'

$nssm = (Get-Command $NssmPath -ErrorAction SilentlyContinue).Source
if (-not $nssm) { throw "NSSM not found ($NssmPath). Pass -NssmPath C:\path\to\nssm.exe." }
if (-not (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) {
  Write-Host "Service $ServiceName is not installed."
} elseif ($PSCmdlet.ShouldProcess($ServiceName, 'stop and remove service')) {
  & $nssm stop $ServiceName | Out-Null
  # The service's virtual account disappears with the service: remove its grant while its name still resolves.
  if (Test-Path $DataDir) { & icacls $DataDir /remove "NT SERVICE\$ServiceName" /T /C /Q | Out-Null }
  & $nssm remove $ServiceName confirm
  Write-Host "Removed service $ServiceName."
}
if ($RemoveData -and (Test-Path $DataDir) -and $PSCmdlet.ShouldProcess($DataDir, 'delete data folder')) {
  Remove-Item -Recurse -Force $DataDir
  Write-Host "Deleted $DataDir."
} elseif (Test-Path $DataDir) {
  Write-Host "Kept the data folder $DataDir (database, secrets, logs). Pass -RemoveData to delete it."
}
