// electron-builder hook (msiProjectCreated): adds to the generated WiX project the public
// properties IT passes on the msiexec command line, written to the machine policy the app reads
// (HKLM\SOFTWARE\Policies\Webconf, see main/policy/):
//   SERVER_URL=https://…     → Recommended\ServerUrl (the default server; users may change it)
//   LOCK_SERVER_URL=1        → LockServerUrl = 1 (users cannot change the server)
//   DISABLE_AUTO_UPDATE=1    → AutoUpdate = "off" (also for per-user copies on the machine)
// Secure properties reach the elevated install. Each value has its own component (fixed GUIDs,
// never to change), removed with the product.
const { readFileSync, writeFileSync } = require('node:fs');

const POLICY_KEY = 'SOFTWARE\\Policies\\Webconf';

const machinePolicy = `
    <Property Id="SERVER_URL" Secure="yes"/>
    <Property Id="LOCK_SERVER_URL" Secure="yes"/>
    <Property Id="DISABLE_AUTO_UPDATE" Secure="yes"/>
    <ComponentGroup Id="WebconfMachinePolicy" Directory="APPLICATIONFOLDER">
      <Component Id="PolicyServerUrl" Guid="84A44B2C-F56B-47D0-AE17-2A169065FAE4">
        <Condition>SERVER_URL</Condition>
        <RegistryValue Root="HKLM" Key="${POLICY_KEY}\\Recommended" Name="ServerUrl" Type="string" Value="[SERVER_URL]" KeyPath="yes"/>
      </Component>
      <Component Id="PolicyLockServerUrl" Guid="3BED93A0-19BF-4C2D-92B2-297BB65DC509">
        <Condition>LOCK_SERVER_URL = "1"</Condition>
        <RegistryValue Root="HKLM" Key="${POLICY_KEY}" Name="LockServerUrl" Type="integer" Value="1" KeyPath="yes"/>
      </Component>
      <Component Id="PolicyDisableAutoUpdate" Guid="9BE399FD-196A-42E3-8B6F-EF54D06FDA4F">
        <Condition>DISABLE_AUTO_UPDATE = "1"</Condition>
        <RegistryValue Root="HKLM" Key="${POLICY_KEY}" Name="AutoUpdate" Type="string" Value="off" KeyPath="yes"/>
      </Component>
    </ComponentGroup>
`;

/** The project with the policy properties and components; throws if electron-builder's template changed shape. */
function addMachinePolicy(wxs) {
  const featureRef = '<ComponentGroupRef Id="ProductComponents"/>';
  if (!wxs.includes(featureRef) || !wxs.includes('</Product>')) {
    throw new Error('msi-project-created: the WiX project no longer has the expected Feature and Product');
  }
  return wxs
    .replace(featureRef, `${featureRef}\n      <ComponentGroupRef Id="WebconfMachinePolicy"/>`)
    .replace('</Product>', `${machinePolicy}  </Product>`);
}

module.exports = async function msiProjectCreated(projectFile) {
  writeFileSync(projectFile, addMachinePolicy(readFileSync(projectFile, 'utf8')));
};
module.exports.addMachinePolicy = addMachinePolicy;
